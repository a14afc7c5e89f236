package io.dinp.dash.metrics;

import java.util.ArrayList;
import java.util.List;

/** The newest {@code capacity} samples of one series, oldest first; older ones fall out. */
final class SeriesRing<T> {
    private final Object[] items;
    private int start;
    private int size;

    SeriesRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: must be at least 1, was " + capacity);
        }
        this.items = new Object[capacity];
    }

    synchronized void add(T item) {
        if (size < items.length) {
            items[(start + size++) % items.length] = item;
        } else {
            items[start] = item;
            start = (start + 1) % items.length;
        }
    }

    @SuppressWarnings("unchecked")
    synchronized List<T> list() {
        List<T> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add((T) items[(start + i) % items.length]);
        }
        return out;
    }
}
