package io.dinp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Mixin;

/**
 * A command that lists what one API path answers: as JSON with {@code --json}, else as a table,
 * or a hint at what to do when there is nothing to list.
 */
abstract class ListingCommand extends ClientCommand {
    @Mixin
    JsonOption json;

    /** The API path to list, e.g. {@code /api/v1/nodes}. */
    abstract String path();

    /** The table of the listed items. */
    abstract Table table(JsonNode list);

    /** What to tell the user when the list is empty (on stderr); null prints the empty table. */
    abstract String emptyHint();

    @Override
    final int run() {
        JsonNode list = api().get(path());
        if (json.json) {
            JsonOption.print(out(), list);
            return ExitCodes.OK;
        }
        Table t = table(list);
        String hint = t.isEmpty() ? emptyHint() : null;
        if (hint != null) {
            err().println(hint);
        } else {
            t.print(out());
        }
        return ExitCodes.OK;
    }
}
