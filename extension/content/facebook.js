// Facebook settings pages: read them when a loopwho browser scan opened this tab.
globalThis.loopwhoReadThisPage("facebook");
