package dev.skiff.core.spec;

/**
 * A place in a source file, 1-based like editors count. {@link #UNKNOWN} is used where no place
 * exists (an empty file, a problem with the file as a whole).
 */
public record Position(int line, int column) {

  /** No particular place; formatted as line 1, column 1 so that editors still jump to the file. */
  public static final Position UNKNOWN = new Position(1, 1);

  public Position {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
    }
  }

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
