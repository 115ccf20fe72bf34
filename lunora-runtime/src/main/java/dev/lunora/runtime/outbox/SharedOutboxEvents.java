package dev.lunora.runtime.outbox;

import java.util.List;

/**
 * What the {@link OutboxDrainer} reports, on its own thread, about the other processes that share the outbox file.
 */
public interface SharedOutboxEvents {
    /** Events nobody listens to. */
    SharedOutboxEvents NONE = new SharedOutboxEvents() {
        @Override
        public void leadershipChanged(boolean leader) {
        }

        @Override
        public void adopted(List<Outbox.RecoveredWrite> writes) {
        }
    };

    /**
     * This process became ({@code true}) or stopped being the one that sends the outbox's writes; first called with
     * the state at start.
     */
    void leadershipChanged(boolean leader);

    /**
     * Writes left by a process that is no longer running are now this process's: handle them like the writes
     * recovered at start ({@link Outbox#recovered()}).
     */
    void adopted(List<Outbox.RecoveredWrite> writes);
}
