package io.dinp.builder.artifact;

import java.util.Locale;

/** Formats byte counts the way people read them in limits: "512 MiB", "1.5 GiB". */
final class ByteSizes {

  private static final String[] UNITS = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};

  private ByteSizes() {}

  static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    if (value == Math.rint(value)) {
      return (long) value + " " + UNITS[unit];
    }
    return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }
}
