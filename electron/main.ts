/** Electron's entry point (package.json "main" → dist/electron/main.js). */
import path from 'node:path';
import { startApp } from './app';

startApp({
  bundleDir: path.join(__dirname, '..', 'renderer'),
  preloadPath: path.join(__dirname, 'preload.js'),
});
