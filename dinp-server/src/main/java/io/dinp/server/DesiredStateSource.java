package io.dinp.server;

import io.dinp.model.AppSpec;
import java.util.List;

/** Where the controller reads the desired state from: the SQL store. */
@FunctionalInterface
public interface DesiredStateSource {
    List<AppSpec> apps() throws Exception;
}
