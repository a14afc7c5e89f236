package io.dinp.agent;

import io.dinp.registry.DockerFailures;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PullResponseItem;
import java.io.IOException;

/**
 * Follows an image pull and keeps the daemon's error as a sentence. Unlike docker-java's own
 * callback it does not log a stack trace: a missing image is an expected, reported outcome.
 */
final class PullCallback extends ResultCallback.Adapter<PullResponseItem> {
    private volatile String error;

    @Override
    public void onNext(PullResponseItem item) {
        if (item.isErrorIndicated()) {
            error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                    ? item.getErrorDetail().getMessage() : "the registry reported an error";
        }
    }

    @Override
    public void onError(Throwable t) {
        error = DockerFailures.message(t);
        try {
            close();
        } catch (IOException e) {
            // the stream is already broken; the error above is what matters
        }
    }

    /** Why the pull failed, null if it succeeded. */
    String error() {
        return error;
    }
}
