import fc from "fast-check";

// Property tests explore the same inputs on every run, so a red build always reproduces. Change the seed to
// explore others (a failure prints the seed and path to replay it).
fc.configureGlobal({ seed: 20261127 });

// Channel credentials are sealed with this key in tests, instead of a key file written beside some database.
process.env.FLUXO_SECRETS_KEY ??= Buffer.alloc(32, 42).toString("base64");
