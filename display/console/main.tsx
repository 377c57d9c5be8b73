// Office console entry: /console/.
import { render } from 'preact';
import { ConsoleApp } from './console-app.tsx';
import '../lib/console-base.css';
import './console.css';

render(<ConsoleApp />, document.getElementById('app')!);
