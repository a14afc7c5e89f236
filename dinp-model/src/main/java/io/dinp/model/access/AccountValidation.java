package io.dinp.model.access;

import io.dinp.model.FieldError;
import java.util.List;
import java.util.regex.Pattern;

/** The rules for user names, team names, passwords and token names. Each violation names its field. */
public final class AccountValidation {
    /** User names appear in audit entries, URLs and HTTP Basic (where ':' would split): keep them plain. */
    public static final Pattern USER = Pattern.compile("^[a-z][a-z0-9._-]{0,62}$");
    /** Team names share the app names' rule, so they can become labels or path segments later. */
    public static final Pattern TEAM = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");
    public static final int MIN_PASSWORD = 10;
    /** Bounds the work one login costs: the hash reads the whole password. */
    public static final int MAX_PASSWORD = 1024;
    public static final int MAX_TOKEN_NAME = 128;

    private AccountValidation() {
    }

    public static List<FieldError> user(String field, String name) {
        if (name == null || name.isEmpty()) {
            return List.of(new FieldError(field, "is required"));
        }
        if (!USER.matcher(name).matches()) {
            return List.of(new FieldError(field, "must match ^[a-z][a-z0-9._-]{0,62}$ (lower-case letters, digits, '.', '_', '-', "
                    + "starting with a letter)"));
        }
        return List.of();
    }

    public static List<FieldError> team(String field, String name) {
        if (name == null || name.isEmpty()) {
            return List.of(new FieldError(field, "is required"));
        }
        if (!TEAM.matcher(name).matches() || name.endsWith("-")) {
            return List.of(new FieldError(field, "must match ^[a-z][a-z0-9-]{0,62}$ and not end with '-' (lower-case letters, "
                    + "digits and '-', starting with a letter)"));
        }
        return List.of();
    }

    /** Length only: composition rules push people to predictable patterns; length is what counts. */
    public static List<FieldError> password(String field, String password) {
        if (password == null || password.isEmpty()) {
            return List.of(new FieldError(field, "is required"));
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD) {
            return List.of(new FieldError(field, "must be at least " + MIN_PASSWORD + " characters, was " + length));
        }
        if (length > MAX_PASSWORD) {
            return List.of(new FieldError(field, "must be at most " + MAX_PASSWORD + " characters"));
        }
        return List.of();
    }

    public static List<FieldError> tokenName(String name) {
        if (name == null || name.isBlank()) {
            return List.of(new FieldError("name", "is required (what the token is for, e.g. laptop or ci)"));
        }
        if (name.length() > MAX_TOKEN_NAME || name.chars().anyMatch(ch -> ch < ' ' || ch == 127)) {
            return List.of(new FieldError("name", "must be one line of at most " + MAX_TOKEN_NAME + " characters"));
        }
        return List.of();
    }
}
