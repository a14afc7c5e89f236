package io.dinp.hm;

/**
 * Told by {@link HealthChecker} when an instance's health phase changes.
 *
 * <p>It is called on the checker's event loop, which runs the checks of thousands of instances:
 * it must return quickly (record the change, hand it to a queue) and never block on I/O. It must
 * not call {@link HealthChecker#close()}.
 */
@FunctionalInterface
public interface TransitionListener {
    void onTransition(String instanceId, HealthTransition transition, HealthState now);
}
