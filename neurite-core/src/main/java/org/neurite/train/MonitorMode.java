package org.neurite.train;

/**
 * Whether a monitored quantity should fall ({@code MIN}) or rise ({@code MAX}), as the {@code mode}
 * argument of Keras' EarlyStopping and ReduceLROnPlateau; {@code AUTO} infers it from the name.
 */
public enum MonitorMode {
    AUTO, MIN, MAX
}
