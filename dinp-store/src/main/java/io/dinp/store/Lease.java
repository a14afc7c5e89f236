package io.dinp.store;

/**
 * One leadership lease as stored.
 *
 * @param holder    the server holding it, "" when nobody does
 * @param term      the fencing token: grows with every new holder
 * @param version   grows with every write (take-over, renewal, release); a standby watches it
 * @param advertise the holder's control API URL, "" when unknown
 */
public record Lease(String holder, long term, long version, String advertise) {
    public boolean held() {
        return !holder.isEmpty();
    }
}
