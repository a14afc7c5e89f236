package io.dinp.builder.artifact;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A filter stream whose every byte goes through {@code read(byte[], int, int)}, so a subclass that
 * counts or limits bytes there cannot be bypassed by single-byte reads, {@code skip} or {@code mark/reset}.
 */
abstract class MeteredStream extends FilterInputStream {

  MeteredStream(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public long skip(long n) throws IOException {
    // FilterInputStream.skip would bypass the count and the limit: read instead.
    byte[] discard = new byte[(int) Math.min(Math.max(n, 0), 8192)];
    long skipped = 0;
    while (skipped < n) {
      int r = read(discard, 0, (int) Math.min(discard.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
