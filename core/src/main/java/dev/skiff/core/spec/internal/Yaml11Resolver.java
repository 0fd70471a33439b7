package dev.skiff.core.spec.internal;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Resolves plain scalars exactly as PyYAML's {@code SafeLoader} does, because the reference
 * implementation loads valohai.yaml with it. SnakeYAML's own rules are YAML 1.1 too but differ at
 * the edges: SnakeYAML reads {@code 1e3} as a float, PyYAML as the string {@code "1e3"} (its float
 * pattern needs a dot and a signed exponent). {@code yes}, {@code on} and {@code off} are booleans
 * in both.
 */
final class Yaml11Resolver extends Resolver {

  private static final Pattern BOOL =
      Pattern.compile(
          "^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$");
  private static final Pattern FLOAT =
      Pattern.compile(
          "^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
              + "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
              + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
              + "|[-+]?\\.(?:inf|Inf|INF)"
              + "|\\.(?:nan|NaN|NAN))$");
  private static final Pattern INT =
      Pattern.compile(
          "^(?:[-+]?0b[0-1_]+"
              + "|[-+]?0[0-7_]+"
              + "|[-+]?(?:0|[1-9][0-9_]*)"
              + "|[-+]?0x[0-9a-fA-F_]+"
              + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$");
  private static final Pattern MERGE = Pattern.compile("^(?:<<)$");
  private static final Pattern NULL = Pattern.compile("^(?:~|null|Null|NULL|)$");
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
              + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
              + "(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?"
              + "(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$");
  private static final Pattern VALUE = Pattern.compile("^(?:=)$");

  @Override
  protected void addImplicitResolvers() {
    addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
    addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
    addImplicitResolver(Tag.INT, INT, "-+0123456789");
    addImplicitResolver(Tag.MERGE, MERGE, "<");
    addImplicitResolver(Tag.NULL, NULL, "~nN\0");
    addImplicitResolver(Tag.NULL, Pattern.compile("^$"), null);
    addImplicitResolver(Tag.TIMESTAMP, TIMESTAMP, "0123456789");
    // "=" is PyYAML's value tag; SafeLoader has no constructor for it and loads it as a string.
    addImplicitResolver(Tag.STR, VALUE, "=");
  }
}
