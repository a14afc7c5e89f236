package io.dinp.model;

/** One rejected input field and why, shown to the user as is. */
public record FieldError(String field, String reason) {
    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
