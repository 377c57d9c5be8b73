// Staff training entry: /training/. Works on a phone and a laptop.
import { render } from 'preact';
import { TrainingApp } from './training-app.tsx';
import '../lib/console-base.css';
import './training.css';

render(<TrainingApp />, document.getElementById('app')!);
