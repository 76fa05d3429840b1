// Imported first by each long-running entry point, for its side effect: a log that cannot be written must not take
// the process down. With `npm start > fluxo.log` on a full disk, stdout is a file and every write throws ENOSPC (or
// EIO) synchronously, out of whatever line of the hub was logging; with stdout on a pipe whose reader went away, the
// failure arrives as an 'error' event (EPIPE), and an 'error' nobody listens to is an uncaught exception. Either way
// the hub exited and stayed down. Losing a log line is the lesser harm: the line is dropped and work goes on.

type Write = (chunk: unknown, encoding: BufferEncoding, callback: (error?: Error | null) => void) => void;

function surviveFailures(stream: NodeJS.WriteStream): void {
  stream.on("error", () => {});
  // Node writes a file synchronously in _write: a throw there would also leave the stream waiting forever for that
  // write to end, so no later line could be written even once space returns. The dropped line counts as written.
  const internals = stream as unknown as { _write: Write };
  const write = internals._write.bind(stream);
  internals._write = (chunk, encoding, callback) => {
    try {
      write(chunk, encoding, callback);
    } catch {
      callback();
    }
  };
}

surviveFailures(process.stdout);
surviveFailures(process.stderr);
