// Where a PDF carries a digital signature field, the reviewer is told it is there and that PoE Desk
// does not check it: a signature's presence is not evidence that it is valid.
import Alert from '@mui/material/Alert';
import { useTranslation } from 'react-i18next';

export function SignatureNote({ name }: { name: string }) {
  const { t } = useTranslation();
  return (
    <Alert severity="info" variant="outlined" sx={{ borderRadius: 0, borderLeft: 0, borderRight: 0, borderTop: 0, py: 0 }}>
      {t('viewer.signaturePresent', { name })}
    </Alert>
  );
}
