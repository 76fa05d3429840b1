import fc from "fast-check";

// Property tests explore the same inputs on every run, so a red build always reproduces. Change the seed to
// explore others (a failure prints the seed and path to replay it).
fc.configureGlobal({ seed: 20261127 });
