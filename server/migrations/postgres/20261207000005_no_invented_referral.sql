-- Until now an imported service that said nothing about how to get support
-- was saved with the invented words "Contact the service to ask how to get
-- support." Nobody said them: they become not known (empty), which the page
-- shows as "ask the service how to get support".
UPDATE services SET referral = ''
    WHERE self_referral = FALSE AND referral = 'Contact the service to ask how to get support.';
