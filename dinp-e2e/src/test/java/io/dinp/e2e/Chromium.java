package io.dinp.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both by path: Selenium never
 * looks for (or downloads) a browser or a driver.
 */
final class Chromium implements AutoCloseable {
    static final Path BROWSER = Path.of(System.getenv().getOrDefault("DINP_TEST_CHROMIUM", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getenv().getOrDefault("DINP_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Dimension LAPTOP = new Dimension(1366, 900);
    static final Dimension PHONE = new Dimension(390, 844);

    final ChromeDriver driver;
    final Path profile;

    static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    Chromium() throws IOException {
        profile = Files.createTempDirectory("dinp-chromium-");
        Path logs = Path.of(System.getProperty("dinp.logs", "target/e2e-logs"));
        Files.createDirectories(logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(logs.resolve("chromedriver.log").toFile())
                // DINP_CHROMEDRIVER_VERBOSE=true: every DevTools event (each request the page makes) in the log
                .withVerbose(Boolean.parseBoolean(System.getenv("DINP_CHROMEDRIVER_VERBOSE")))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile,
                "--window-size=" + LAPTOP.width + "," + LAPTOP.height);
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    WebDriverWait waiting(Duration atMost) {
        // live pages replace their parts as they refresh: an element read mid-refresh is read again
        WebDriverWait wait = new WebDriverWait(driver, atMost, Duration.ofMillis(200));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** Saves the whole page (not only the window) as {@code dir/name.png} at the given width. */
    Path screenshot(Path dir, String name, Dimension size) throws IOException {
        Files.createDirectories(dir);
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(size);
        Number height = (Number) driver.executeScript("return Math.max(document.body.scrollHeight, window.innerHeight)");
        driver.manage().window().setSize(new Dimension(size.width, Math.min(6000, height.intValue() + 120)));
        driver.executeScript("window.scrollTo(0, 0)");
        File png = driver.getScreenshotAs(OutputType.FILE);
        driver.manage().window().setSize(before);
        Path target = dir.resolve(name + ".png");
        Files.copy(png.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
