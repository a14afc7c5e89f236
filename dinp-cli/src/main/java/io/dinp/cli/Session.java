package io.dinp.cli;

/**
 * Which API and token a command uses: {@code DINP_API} and {@code DINP_TOKEN} when set, else what
 * {@code dinp login} stored (its token only for its own API); the CA to trust from
 * {@code DINP_CA_CERT} (a file), else what login stored for that API.
 */
final class Session {
    private Session() {
    }

    static ApiClient open(CliContext ctx) {
        String api = ctx.env("DINP_API");
        String token = ctx.env("DINP_TOKEN");
        String caCert = ctx.env("DINP_CA_CERT") == null ? null : CaTrust.read(java.nio.file.Path.of(ctx.env("DINP_CA_CERT")));
        if (api == null || token == null) {
            ConfigStore store = new ConfigStore(ctx.configFile());
            CliConfig stored = store.load().orElse(null);
            if (stored != null) {
                if (store.readableByOthers()) {
                    ctx.err().println("dinp: warning: " + store.file() + " holds your token and others can read it: chmod 600 "
                            + store.file());
                }
                // a stored token is only ever sent to the API it was stored for
                boolean sameApi = api == null || ApiUrl.normalize(api).equals(stored.api());
                api = api != null ? api : stored.api();
                token = token != null ? token : sameApi ? stored.token() : null;
                caCert = caCert != null ? caCert : sameApi ? stored.caCert() : null;
            }
        }
        if (api == null || token == null) {
            throw CliException.notLoggedIn();
        }
        return ApiClient.withToken(ApiUrl.normalize(api), token, caCert);
    }
}
