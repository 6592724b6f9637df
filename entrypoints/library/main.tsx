import { render } from 'preact';
import { Library } from '@/components/library/Library';
import '@/components/library/library.css';

render(<Library />, document.getElementById('app')!);
