import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { ensureIsolation } from './lib/state/isolation';

// In parallel with the first paint; on a first visit to a static host it reloads the page once.
void ensureIsolation();

const app = mount(App, { target: document.getElementById('app')! });

export default app;
