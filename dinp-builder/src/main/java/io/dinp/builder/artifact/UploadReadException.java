package io.dinp.builder.artifact;

import java.io.IOException;

/** Reading the upload itself failed (the client went away): not a fault of the artifact. */
final class UploadReadException extends IOException {

  private static final long serialVersionUID = 1L;

  UploadReadException(IOException cause) {
    super("reading the upload failed: " + cause.getMessage(), cause);
  }
}
