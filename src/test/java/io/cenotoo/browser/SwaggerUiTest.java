package io.cenotoo.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cenotoo.testing.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Loads /docs in headless Chromium, as a person would: the operations are listed, and "Try it out"
 * on /health returns 200. Uses Debian's chromium and chromium-driver, which .ci/run installs; where
 * they are missing the test is skipped with that reason.
 */
class SwaggerUiTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @Test
  void docsListOperationsAndTryHealth(@TempDir Path profile) {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Chromium and ChromeDriver are not installed; install the Debian packages chromium and chromium-driver");
    String base = "http://127.0.0.1:" + TestNode.get().port();

    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless", "--no-sandbox",
        "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    WebDriver browser = new ChromeDriver(service, options);
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      browser.get(base + "/docs");

      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock")));
      String page = browser.findElement(By.id("swagger-ui")).getText();
      assertTrue(page.contains("/api/v1/projects/{project_id}/collections/{collection_id}/send_data"), page);
      assertTrue(page.contains("/api/v1/token"), page);

      WebElement health = browser.findElement(By.id("operations-health-health"));
      health.findElement(By.cssSelector(".opblock-summary")).click();
      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#operations-health-health .try-out__btn")))
          .click();
      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#operations-health-health .execute"))).click();
      WebElement status = wait.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("#operations-health-health .live-responses-table tbody .response-col_status")));
      assertTrue(status.getText().contains("200"), status.getText());
    } finally {
      browser.quit();
    }
  }
}
