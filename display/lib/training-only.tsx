// What the office and admin consoles show a staff account: it trains at /training/ and has nothing to see here.
// The hub refuses the consoles' live link and their routes to it anyway; this only sends the person where they belong.
import { useEffect } from 'preact/hooks';

export const TRAINING_PATH = '/training/';

export function TrainingOnly(props: { username: string; onLogOut: () => void }) {
  useEffect(() => {
    location.replace(TRAINING_PATH);
  }, []);
  return (
    <div class="login">
      <h1>This account is for training</h1>
      <p>
        {props.username}, your training and the procedures to read are at <a href={TRAINING_PATH}>Know your building</a>.
      </p>
      <button type="button" onClick={props.onLogOut}>
        Log out
      </button>
    </div>
  );
}
