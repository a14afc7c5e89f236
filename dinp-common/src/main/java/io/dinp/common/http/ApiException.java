package io.dinp.common.http;

import io.dinp.model.FieldError;
import java.util.List;

/** An error that reaches the caller as an HTTP status and a JSON body saying what was wrong. */
public class ApiException extends RuntimeException {
    private final int status;
    private final List<FieldError> errors;

    public ApiException(int status, String message) {
        this(status, message, List.of());
    }

    public ApiException(int status, String message, List<FieldError> errors) {
        super(message);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public static ApiException invalid(List<FieldError> errors) {
        String msg = errors.size() == 1 ? "invalid " + errors.getFirst().field() + ": " + errors.getFirst().reason()
                : "invalid input: " + errors.stream().map(FieldError::toString).reduce((a, b) -> a + "; " + b).orElse("");
        return new ApiException(400, msg, errors);
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
