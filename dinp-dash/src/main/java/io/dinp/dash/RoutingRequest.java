package io.dinp.dash;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.common.http.ApiException;
import io.dinp.model.FieldError;
import io.dinp.model.RouteOptions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the body of {@code PUT /api/v1/apps/{app}/routing}: the whole set of an app's route
 * options, a field left out meaning its default. Every field is checked and every error named.
 */
final class RoutingRequest {
    static final Set<String> FIELDS = Set.of("stickySessions", "maxBodyBytes", "httpsRedirect");

    private RoutingRequest() {
    }

    /** @throws ApiException 400 naming each field that is unknown, of the wrong type or out of range */
    static RouteOptions parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ApiException(400, "request body must be a JSON object: "
                    + "{\"stickySessions\": false, \"maxBodyBytes\": 0, \"httpsRedirect\": false}");
        }
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                errors.add(new FieldError(f, "is not a known field (allowed: "
                        + String.join(", ", FIELDS.stream().sorted().toList()) + ")"));
            }
        }
        boolean sticky = flag(body, "stickySessions", errors);
        boolean redirect = flag(body, "httpsRedirect", errors);
        long maxBody = 0;
        JsonNode n = body.get("maxBodyBytes");
        if (n != null) {
            if (!n.isIntegralNumber() || !n.canConvertToLong()) {
                errors.add(new FieldError("maxBodyBytes", "must be a whole number of bytes (0: the router's limit)"));
            } else {
                maxBody = n.longValue();
                errors.addAll(RouteOptions.checkMaxBodyBytes(maxBody));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new RouteOptions(sticky, maxBody, redirect);
    }

    private static boolean flag(JsonNode body, String field, List<FieldError> errors) {
        JsonNode n = body.get(field);
        if (n == null) {
            return false;
        }
        if (!n.isBoolean()) {
            errors.add(new FieldError(field, "must be true or false"));
            return false;
        }
        return n.booleanValue();
    }
}
