import { render } from 'preact';
import { localizeDocument } from '@/utils/i18n';
import { App } from './App';
import './style.css';

localizeDocument();

// Opened as a page on another tab (`?tab=<id>`), it is a full-tab view rather than a 400px popup.
if (new URLSearchParams(location.search).has('tab')) document.documentElement.classList.add('as-tab');

render(<App />, document.getElementById('app')!);
