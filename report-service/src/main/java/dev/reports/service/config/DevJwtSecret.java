package dev.reports.service.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * {@code dev}'s JWT secret: generated on first start and kept in the data folder, so tokens printed
 * by one run still work after a restart.
 */
final class DevJwtSecret {
  private DevJwtSecret() {}

  static Secret loadOrCreate(Path file) {
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (secret.getBytes(StandardCharsets.UTF_8).length < ConfigLoader.MIN_JWT_SECRET_BYTES) {
        throw new ConfigException(
            Setting.JWT_SECRET,
            "the dev secret in " + file + " is too short; delete the file to generate a new one");
      }
      return Secret.of(secret);
    } catch (IOException e) {
      throw new ConfigException(
          Setting.DATA_DIR,
          "cannot keep the dev JWT secret in " + file + ": " + ConfigLoader.reason(e));
    }
  }

  private static void create(Path file) throws IOException {
    byte[] key = new byte[48];
    new SecureRandom().nextBytes(key);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    Path tmp = Files.createTempFile(file.getParent(), "jwt-secret", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the data folder's own permissions apply
      }
      Files.writeString(tmp, secret + "\n", StandardCharsets.UTF_8);
      // a rename, so a concurrent or interrupted start never sees half a secret
      Files.move(tmp, file);
    } catch (FileAlreadyExistsException anotherStartWon) {
      // keep theirs
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
