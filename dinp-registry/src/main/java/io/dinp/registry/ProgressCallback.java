package io.dinp.registry;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.ResponseItem;
import java.io.IOException;

/**
 * Follows a push or pull stream: keeps the daemon's error as a sentence and the digest it announces.
 * Unlike docker-java's own callbacks it logs nothing; the caller turns the error into an exception.
 */
public final class ProgressCallback<T extends ResponseItem> extends ResultCallback.Adapter<T> {
    private static final String DIGEST_PREFIX = "Digest: ";

    private volatile String error;
    private volatile Throwable failure;
    private volatile String digest;

    @Override
    public void onNext(T item) {
        if (item.isErrorIndicated()) {
            error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                    ? item.getErrorDetail().getMessage() : "the daemon reported an error";
        }
        if (item.getAux() != null && item.getAux().getDigest() != null) {
            digest = item.getAux().getDigest(); // push: {"aux":{"Tag":..,"Digest":..,"Size":..}}
        }
        String status = item.getStatus();
        if (digest == null && status != null && status.startsWith(DIGEST_PREFIX)) {
            digest = status.substring(DIGEST_PREFIX.length()).strip(); // pull: "Digest: sha256:…"
        }
    }

    @Override
    public void onError(Throwable t) {
        failure = t;
        error = DockerFailures.message(t);
        try {
            close();
        } catch (IOException e) {
            // the stream is already broken; the error above is what matters
        }
    }

    /** Why the operation failed, null if it succeeded. */
    public String error() {
        return error;
    }

    /** The exception behind {@link #error()}, null if the daemon reported the error in the stream. */
    public Throwable failure() {
        return failure;
    }

    /** The digest the daemon announced, or null. */
    public String digest() {
        return digest;
    }
}
