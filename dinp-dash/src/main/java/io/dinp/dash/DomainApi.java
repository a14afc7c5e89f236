package io.dinp.dash;

import io.dinp.common.http.ApiException;
import io.dinp.common.http.Exchange;
import io.dinp.common.http.HttpApi;
import io.dinp.model.AppSpec;
import io.dinp.model.AppValidation;
import io.dinp.model.FieldError;
import io.dinp.model.TlsCertificate;
import io.dinp.store.CertificateStore;
import io.dinp.store.DomainStore;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Custom domains of an app: {@code www.example.com} or {@code *.example.com} routed to it besides
 * {@code <app>.<apps-domain>}. A domain belongs to one app at most; binding one that another app
 * has is a 409 naming nothing but the conflict.
 */
final class DomainApi {
    private final DomainStore domains;
    private final CertificateStore certificates;
    private final Audit audit;
    private final String appsDomain;
    private final Function<Exchange, AppSpec> appOf;
    private final Consumer<String> desiredChanged;

    DomainApi(DomainStore domains, CertificateStore certificates, Audit audit, String appsDomain,
              Function<Exchange, AppSpec> appOf, Consumer<String> desiredChanged) {
        this.domains = domains;
        this.certificates = certificates;
        this.audit = audit;
        this.appsDomain = appsDomain;
        this.appOf = appOf;
        this.desiredChanged = desiredChanged;
    }

    void register(HttpApi api) {
        api.route("GET", "/api/v1/apps/{name}/domains", ex -> ex.json(200, domains.of(appOf.apply(ex).name())));
        api.route("POST", "/api/v1/apps/{name}/domains", this::bind);
        api.route("DELETE", "/api/v1/apps/{name}/domains/{domain}", ex -> {
            AppSpec app = appOf.apply(ex);
            String domain = ex.param("domain").toLowerCase(Locale.ROOT);
            if (!domains.unbind(domain, app.name())) {
                throw new ApiException(404, "app " + app.name() + " has no domain " + domain);
            }
            certificates.delete(domain, app.name());
            audit.app(ex, app.name(), "domain.unbound", domain);
            desiredChanged.accept(app.name());
            ex.noContent();
        });
        api.route("PUT", "/api/v1/apps/{name}/domains/{domain}/certificate", this::putCertificate);
        api.route("GET", "/api/v1/apps/{name}/domains/{domain}/certificate", ex -> {
            String[] ad = boundDomain(ex);
            TlsCertificate c = certificates.get(ad[1])
                    .orElseThrow(() -> new ApiException(404, "domain " + ad[1] + " has no certificate"));
            ex.json(200, c.describe(ad[1]));
        });
        api.route("DELETE", "/api/v1/apps/{name}/domains/{domain}/certificate", ex -> {
            String[] ad = boundDomain(ex);
            if (!certificates.delete(ad[1], ad[0])) {
                throw new ApiException(404, "domain " + ad[1] + " has no certificate");
            }
            audit.app(ex, ad[0], "certificate.deleted", ad[1]);
            desiredChanged.accept(ad[0]);
            ex.noContent();
        });
    }

    /** The app's name and the domain of the path, which the app must have. */
    private String[] boundDomain(Exchange ex) {
        AppSpec app = appOf.apply(ex);
        String domain = ex.param("domain").toLowerCase(Locale.ROOT);
        if (!domains.of(app.name()).contains(domain)) {
            throw new ApiException(404, "app " + app.name() + " has no domain " + domain);
        }
        return new String[] {app.name(), domain};
    }

    private void putCertificate(Exchange ex) throws Exception {
        String[] ad = boundDomain(ex);
        var body = ex.jsonBody();
        if (body == null || !body.isObject()) {
            throw new ApiException(400, "request body must be a JSON object: {\"certificate\": PEM, \"privateKey\": PEM}");
        }
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("certificate") && !f.equals("privateKey")) {
                throw ApiException.invalid(List.of(new FieldError(f, "is not a known field (allowed: certificate, privateKey)")));
            }
        }
        TlsCertificate cert = new TlsCertificate(text(body, "certificate"), text(body, "privateKey"));
        TlsCertificate.Info info;
        try {
            info = cert.check(ad[1], Instant.now());
        } catch (TlsCertificate.Invalid e) {
            throw ApiException.invalid(List.of(e.error()));
        }
        certificates.put(ad[1], ad[0], cert, info.notAfter());
        audit.app(ex, ad[0], "certificate.set", ad[1] + " until " + info.notAfter());
        desiredChanged.accept(ad[0]);
        ex.json(200, info);
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode body, String f) {
        var n = body.get(f);
        return n != null && n.isTextual() ? n.textValue() : null;
    }

    private void bind(Exchange ex) throws Exception {
        AppSpec app = appOf.apply(ex);
        var body = ex.jsonBody();
        if (body == null || !body.isObject()) {
            throw new ApiException(400, "request body must be a JSON object: {\"domain\": \"www.example.com\"}");
        }
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("domain")) {
                throw ApiException.invalid(List.of(new FieldError(f, "is not a known field (allowed: domain)")));
            }
        }
        var node = body.get("domain");
        String domain = node != null && node.isTextual() ? node.textValue().trim().toLowerCase(Locale.ROOT) : null;
        if (domain != null && domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        List<FieldError> errors = AppValidation.domain(domain, appsDomain);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        boolean added;
        try {
            added = domains.bind(domain, app.name(), ex.principal());
        } catch (DomainStore.DomainTakenException e) {
            throw new ApiException(409, "domain " + domain + " is bound to another app; unbind it there first");
        }
        if (added) {
            audit.app(ex, app.name(), "domain.bound", domain);
            desiredChanged.accept(app.name());
        }
        ex.json(added ? 201 : 200, Map.of("domain", domain, "app", app.name()));
    }
}
