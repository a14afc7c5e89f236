package io.dinp.model;

/** Docker labels that mark a container as DINP's and say which instance it is. */
public final class Labels {
    public static final String MANAGED = "io.dinp.managed";
    public static final String APP = "io.dinp.app";
    public static final String INSTANCE = "io.dinp.instance";
    public static final String NODE = "io.dinp.node";
    public static final String SPEC = "io.dinp.spec";
    public static final String MEMORY = "io.dinp.memory";
    /** Port every app listens on inside its container, as the original did. */
    public static final int APP_PORT = 8080;

    private Labels() {
    }
}
