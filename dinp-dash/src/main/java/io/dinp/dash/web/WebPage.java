package io.dinp.dash.web;

import java.util.List;

/**
 * A page of the dashboard: where it is, its title and the script module that builds it. The HTML
 * is one shell for all pages; the script fetches the data from the public API and renders it.
 *
 * @param signedIn whether only a signed-in session gets it (all but the login page)
 */
record WebPage(String path, String title, String script, boolean signedIn) {

    static final List<WebPage> ALL = List.of(
            new WebPage("/login", "Sign in", "page-login.js", false),
            new WebPage("/apps", "Apps", "page-apps.js", true),
            new WebPage("/apps/{name}", "App", "page-app.js", true),
            new WebPage("/apps/{name}/build", "New build", "page-build.js", true),
            new WebPage("/nodes", "Nodes", "page-nodes.js", true),
            new WebPage("/accounts", "Teams, users and tokens", "page-accounts.js", true),
            new WebPage("/audit", "Audit log", "page-audit.js", true));

    /** The shell with this page's title and script filled in (constants, never request data). */
    String render(String shell) {
        return shell.replace("{{title}}", title).replace("{{script}}", script);
    }
}
