package dev.reports.service.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A command's {@code --name value} (or {@code --name=value}) options. */
final class Options {
  private Options() {}

  /** The options given, each once, each among {@code known}. */
  static Map<String, String> parse(List<String> args, Set<String> known) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name;
      String value;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(2, eq);
        value = arg.substring(eq + 1);
      } else if (arg.startsWith("--")) {
        name = arg.substring(2);
        if (!known.contains(name)) {
          throw new UsageException("unknown option '" + arg + "'");
        }
        if (i + 1 >= args.size()) {
          throw new UsageException("--" + name + " needs a value");
        }
        value = args.get(++i);
      } else {
        throw new UsageException("unexpected argument '" + arg + "'");
      }
      if (!known.contains(name)) {
        throw new UsageException("unknown option '--" + name + "'");
      }
      if (values.put(name, value.trim()) != null) {
        throw new UsageException("--" + name + " is given twice");
      }
    }
    return values;
  }

  /** No options at all. */
  static void none(List<String> args) {
    if (!args.isEmpty()) {
      throw new UsageException("takes no options, got '" + String.join(" ", args) + "'");
    }
  }
}
