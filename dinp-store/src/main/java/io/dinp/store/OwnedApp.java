package io.dinp.store;

import io.dinp.model.AppSpec;

/** An app with the team it belongs to: what authorization decides on. */
public record OwnedApp(AppSpec spec, String team) {
}
