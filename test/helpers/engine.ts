// Which engine runs the test page, for the few tests whose expectation differs by engine (each says why).
const agent = navigator.userAgent;
export const engine: 'chromium' | 'firefox' | 'webkit' = agent.includes('Firefox/') ? 'firefox' : agent.includes('Chrome/') ? 'chromium' : 'webkit';
