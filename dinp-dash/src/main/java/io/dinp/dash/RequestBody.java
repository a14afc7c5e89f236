package io.dinp.dash;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.common.http.ApiException;
import io.dinp.common.http.Exchange;
import io.dinp.model.FieldError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A small JSON object body read field by field, so every wrong field is reported by name. */
final class RequestBody {
    private final JsonNode body;
    private final List<FieldError> errors = new ArrayList<>();

    private RequestBody(JsonNode body) {
        this.body = body;
    }

    /** The body, which must be an object of only {@code allowed} fields. */
    static RequestBody of(Exchange ex, Set<String> allowed) {
        JsonNode body = ex.jsonBody();
        if (body == null || !body.isObject()) {
            throw new ApiException(400, "request body must be a JSON object with " + String.join(", ", new TreeSet<>(allowed)));
        }
        RequestBody r = new RequestBody(body);
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                r.errors.add(new FieldError(f, "is not a known field (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")"));
            }
        }
        return r;
    }

    /** A string field, or null when absent or null; a wrong type is an error. */
    String text(String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return n.textValue();
    }

    /** A boolean field, or {@code fallback} when absent. */
    boolean bool(String field, boolean fallback) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isBoolean()) {
            errors.add(new FieldError(field, "must be true or false"));
            return fallback;
        }
        return n.booleanValue();
    }

    void check(List<FieldError> more) {
        errors.addAll(more);
    }

    /** Throws a 400 naming every field found wrong so far. */
    void failIfErrors() {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    boolean valid() {
        return errors.isEmpty();
    }
}
