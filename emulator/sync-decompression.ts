import zlib from 'node:zlib';
import * as grpc from '@grpc/grpc-js';

interface DecompressingCall {
  maxReceiveMessageSize: number;
  decompressMessage(message: Buffer, encoding: string): Buffer | Promise<Buffer>;
}

/** Messages up to this size are inflated synchronously; larger ones keep grpc-js's streaming path. */
const SYNC_LIMIT_BYTES = 1024 * 1024;

let installed = false;

/**
 * sdk-core (the worker's NativeConnection) gzips every request by default. grpc-js inflates each one
 * through a fresh zlib stream (stream setup, thread pool round trip, several ticks, garbage): ~19 µs
 * of CPU for a message of a few hundred bytes, against ~4 µs with `gunzipSync`, which returns the
 * same bytes; the size limit is still enforced. grpc-js has no hook for this, so its server call class is
 * patched once per process — the emulator is the only grpc-js server in the processes that load it.
 */
export function installSyncDecompression(): void {
  if (installed) return;
  installed = true;
  // Deep import: not part of grpc-js's typed API (the package has no `exports` map, so this resolves).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const internals = require('@grpc/grpc-js/build/src/server-interceptors') as {
    BaseServerInterceptingCall?: { prototype: DecompressingCall };
  };
  const proto = internals.BaseServerInterceptingCall?.prototype;
  if (!proto || typeof proto.decompressMessage !== 'function') return; // grpc-js changed: keep its path
  const original = proto.decompressMessage;
  proto.decompressMessage = function (this: DecompressingCall, message: Buffer, encoding: string) {
    if ((encoding !== 'gzip' && encoding !== 'deflate') || message.length > SYNC_LIMIT_BYTES) {
      return original.call(this, message, encoding);
    }
    const limit = this.maxReceiveMessageSize;
    const options = limit > 0 ? { maxOutputLength: limit } : {};
    const body = message.subarray(5);
    try {
      return encoding === 'gzip' ? zlib.gunzipSync(body, options) : zlib.inflateSync(body, options);
    } catch (err) {
      // The same statuses grpc-js answers with (async path: rejected promise of a status object).
      const tooLarge = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
      return Promise.reject({
        code: tooLarge ? grpc.status.RESOURCE_EXHAUSTED : grpc.status.INTERNAL,
        details: tooLarge
          ? `Received message that decompresses to a size larger than ${limit}`
          : 'Failed to decompress message',
      });
    }
  };
}
