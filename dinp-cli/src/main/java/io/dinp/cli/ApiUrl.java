package io.dinp.cli;

import java.net.URI;
import java.net.URISyntaxException;

/** The dash URL a user gives: {@code http://host:7070}, also accepted with a trailing {@code /api/v1}. */
final class ApiUrl {
    private ApiUrl() {
    }

    static String normalize(String given) {
        String s = given == null ? "" : given.trim();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith("/api/v1")) {
            s = s.substring(0, s.length() - "/api/v1".length());
        }
        try {
            URI u = new URI(s);
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null
                    && (u.getPath() == null || u.getPath().isEmpty()) && u.getQuery() == null && u.getUserInfo() == null) {
                return s;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw CliException.usage("the API must be dash's URL such as http://127.0.0.1:7070 (what dinp up prints), was '"
                + given + "'");
    }
}
