#!/usr/bin/env node
// The `novae` command. A committed, executable entry so `npx novae` works right after `npm run build`.
import '../dist/cli/main.js';
