/* The address of a host's own sequence: ?reeks=KEY,KEY,... (also reeks=KEY&reeks=KEY), each key a
   slide's (data-key on the own sequence's slides, a checkbox's value on "Bijeenkomst
   voorbereiden"). Read and written here alone; presentatie.js and bijeenkomst.js use it. */
var lveReeks = (function () {
  "use strict";
  var PARAMETER = "reeks";
  return {
    /* The keys an address names that are in `known` (a Map, so "constructor" or "__proto__" is
       unknown like any other key), in the address's order, each once. */
    keys: function (search, known) {
      var keys = [];
      new URLSearchParams(search).getAll(PARAMETER).forEach(function (value) {
        value.split(",").forEach(function (key) {
          key = key.trim();
          if (known.has(key) && keys.indexOf(key) < 0) keys.push(key);
        });
      });
      return keys;
    },
    /* The query that names these keys, or "" for none. */
    query: function (keys) {
      return keys.length ? "?" + PARAMETER + "=" + keys.join(",") : "";
    }
  };
})();
