package io.dinp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/** {@code dinp nodes}: the Docker hosts, their memory and what is placed on them; who may join, and revocation. */
@Command(name = "nodes", mixinStandardHelpOptions = true,
        description = {"List the nodes: status, memory offered and allocated, instances.",
                "  dinp nodes                          the nodes",
                "  dinp nodes token create [--role R]  a one-time join token for an agent (or hm, dash): site admins",
                "  dinp nodes token list | delete ID   the join tokens, without their secrets",
                "  dinp nodes revoke NODE              refuse the node's certificates at once; its instances move"},
        subcommands = {NodeTokenCommand.class, NodeRevokeCommand.class})
final class NodesCommand extends ListingCommand {
    @Override
    String path() {
        return "/api/v1/nodes";
    }

    @Override
    Table table(JsonNode list) {
        Table t = new Table("NODE", "STATUS", "ADDRESS", "MEMORY", "ALLOCATED", "INSTANCES", "LAST SEEN");
        for (JsonNode n : list) {
            t.row(n.path("id").asText(), n.path("status").asText(), n.path("address").asText(), n.path("memoryMb").asInt() + " MB",
                    n.path("allocatedMb").asInt() + " MB", n.path("instances").asInt(), n.path("lastSeen").asText(null));
        }
        return t;
    }

    @Override
    String emptyHint() {
        return "No node has reported yet: start dinp agent on each Docker host (dinp nodes token create gives it a token)";
    }
}
