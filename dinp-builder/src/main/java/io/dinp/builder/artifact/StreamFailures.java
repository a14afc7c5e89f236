package io.dinp.builder.artifact;

import java.io.EOFException;
import java.io.IOException;

/** Sorts a failure met while reading the artifact: a rejection, a broken upload, or corruption. */
final class StreamFailures {

  private StreamFailures() {}

  /**
   * Returns the rejection or upload failure buried in {@code failure}, or else a rejection
   * saying the layer being read is corrupt.
   *
   * @param corrupt what to call the data when it is at fault, e.g. "corrupt gzip stream"
   */
  static IOException classify(Throwable failure, String corrupt) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ArtifactRejectedException rejected) {
        return rejected;
      }
      if (t instanceof UploadReadException broken) {
        return broken;
      }
    }
    String detail;
    if (failure instanceof EOFException && failure.getMessage() == null) {
      detail = "it ends too early (was the upload cut short?)";
    } else if (failure.getMessage() == null) {
      detail = failure.getClass().getSimpleName();
    } else {
      detail = failure.getMessage();
    }
    ArtifactRejectedException rejected = new ArtifactRejectedException(corrupt + ": " + detail);
    rejected.initCause(failure);
    return rejected;
  }
}
