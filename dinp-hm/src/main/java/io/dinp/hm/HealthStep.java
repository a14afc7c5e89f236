package io.dinp.hm;

/**
 * The result of feeding one check to {@link HealthMachine}: the new state and the transition it
 * caused, if any.
 *
 * @param transition {@code null} when the phase did not change
 */
public record HealthStep(HealthState state, HealthTransition transition) {
    public boolean transitioned() {
        return transition != null;
    }
}
