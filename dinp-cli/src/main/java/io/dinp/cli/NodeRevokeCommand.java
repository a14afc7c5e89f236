package io.dinp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dinp nodes revoke NODE}: the node's certificates are refused from its next request on. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = {"Revoke every certificate of a node: the server refuses it from its next request on and places its",
                "instances on other nodes. To let it back, give its agent a new join token."})
final class NodeRevokeCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NODE")
    String node;

    @Override
    int run() {
        JsonNode r = api().call("POST", "/api/v1/nodes/" + ApiClient.enc(node) + "/revoke", null);
        int n = r.path("revokedCertificates").asInt();
        out().println("Node " + node + (n == 0 ? " was revoked already." : " revoked (" + n + " certificate"
                + (n == 1 ? "" : "s") + "); its instances move to other nodes."));
        return ExitCodes.OK;
    }
}
