// Stands in for the `geckodriver` and `edgedriver` npm packages, which webdriverio@9 depends on and which
// download a driver binary at install or at run time. The tests give webdriverio a hostname and port (the
// WebKitWebDriver from Debian's webkit2gtk-driver that scripts/browsers.mjs starts), so it never needs one.
// Each package directory here re-exports this file; its version satisfies @wdio/utils' range, so npm links
// it in place of the real package (package.json devDependencies, `file:`).
const refuse = () => {
  throw new Error('session-token never downloads a WebDriver: give webdriverio a hostname and port (see scripts/browsers.mjs)');
};
export const start = refuse;
export const download = refuse;
export const findEdgePath = refuse;
export default { start, download, findEdgePath };
