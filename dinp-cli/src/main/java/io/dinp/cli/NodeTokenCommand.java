package io.dinp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dinp nodes token create|list|delete}: one-time join tokens, for site admins. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"One-time join tokens: an agent (or a health monitor) presents one once to get its certificate."},
        subcommands = {NodeTokenCommand.Create.class, NodeTokenCommand.ListTokens.class, NodeTokenCommand.Delete.class})
final class NodeTokenCommand extends ClientCommand {
    @Override
    int run() {
        throw CliException.usage("dinp nodes token create, dinp nodes token list or dinp nodes token delete ID");
    }

    /** {@code dinp nodes token create}: the token alone on stdout, so it can go straight into a file. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Make a one-time join token. The token alone goes to stdout (the one secret this command line",
                    "prints: redirect it into a file of mode 600); what it is for goes to stderr."},
            footer = {"", "Example:", "  (umask 077; dinp nodes token create --role node --ttl 30m > join-token)",
                    "  dinp agent --server https://10.0.0.1:7071 --join-token-file join-token --node-id n1"})
    static final class Create extends ClientCommand {
        @Option(names = "--role", defaultValue = "node", description = "node, hm or dash (default: ${DEFAULT-VALUE})")
        String role;

        @Option(names = "--ttl", defaultValue = "1h", description = "how long it may be used: 1m to 7d (default: ${DEFAULT-VALUE})")
        String ttl;

        @Mixin
        JsonOption json;

        @Override
        int run() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("role", role);
            body.put("ttl", ttl);
            JsonNode made = api().call("POST", "/api/v1/nodes/tokens", body);
            if (json.json) {
                JsonOption.print(out(), made);
                return ExitCodes.OK;
            }
            out().println(made.path("token").asText());
            err().println("One-time " + made.path("role").asText() + " token " + made.path("id").asText() + ", valid until "
                    + made.path("expiresAt").asText() + "; the cluster CA's fingerprint is in it: sha256 "
                    + made.path("caFingerprint").asText());
            return ExitCodes.OK;
        }
    }

    /** {@code dinp nodes token list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the join tokens (never their secrets).")
    static final class ListTokens extends ClientCommand {
        @Mixin
        JsonOption json;

        @Override
        int run() {
            JsonNode list = api().get("/api/v1/nodes/tokens");
            if (json.json) {
                JsonOption.print(out(), list);
                return ExitCodes.OK;
            }
            Table t = new Table("ID", "ROLE", "STATE", "EXPIRES", "USED BY", "CREATED BY");
            for (JsonNode n : list) {
                t.row(n.path("id").asText(), n.path("role").asText(), n.path("state").asText(), n.path("expiresAt").asText(),
                        n.path("usedBy").asText("-"), n.path("createdBy").asText());
            }
            if (t.isEmpty()) {
                err().println("No join tokens: dinp nodes token create");
            } else {
                t.print(out());
            }
            return ExitCodes.OK;
        }
    }

    /** {@code dinp nodes token delete ID}. */
    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a join token so nobody can join with it.")
    static final class Delete extends ClientCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        int run() {
            api().call("DELETE", "/api/v1/nodes/tokens/" + ApiClient.enc(id), null);
            out().println("Join token " + id + " deleted.");
            return ExitCodes.OK;
        }
    }
}
